"""Scheduled jobs: periodic work queued by one cron line (`manage.py run_scheduled_jobs`)."""
