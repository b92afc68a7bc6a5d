"""The directory's background tasks and the periodic jobs that queue them."""

from datetime import timedelta

from django_tasks import task

from directory.scheduler.jobs import Job, register_job

from . import expiry, freshness, services


@task()
def purge_replaced_documents() -> int:
    """Delete replaced (or orphaned) credential documents past DOCUMENT_RETENTION_DAYS; how
    many."""
    services.record_orphaned_documents()
    return len(services.purge_replaced_documents())


def register_jobs() -> None:
    register_job(Job(name="purge-replaced-documents", task=purge_replaced_documents,
                     every=timedelta(days=1)))
    register_job(Job(name="trust-sweep", task=expiry.trust_sweep, every=timedelta(days=1)))
    register_job(Job(name="listing-freshness", task=freshness.listing_freshness,
                     every=timedelta(days=1)))
