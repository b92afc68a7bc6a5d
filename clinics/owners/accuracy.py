"""The directory's accuracy rate: how many listings staff found wrong in the last 90 days.

A listing counts once however many reports confirmed it wrong; "by kind" counts each
listing once per kind of error, so the kinds may add up to more than the total.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.utils import timezone

from clinics.models import Clinic

from .models import ListingReport

WINDOW_DAYS = 90


@dataclass(frozen=True)
class KindCount:
    label: str
    listings: int
    reports: int


@dataclass(frozen=True)
class Accuracy:
    since: date
    listings: int  # published clinics today
    listings_wrong: int  # of those, with at least one confirmed error in the window
    confirmed: int  # reports confirmed wrong and fixed in the window
    was_correct: int  # reports staff found were wrong themselves
    open: int  # reports still waiting, whenever sent
    by_kind: list[KindCount]

    @property
    def error_share(self) -> float | None:
        """The share of published listings with a confirmed error; None with no listings."""
        return self.listings_wrong / self.listings if self.listings else None

    @property
    def error_percent(self) -> str:
        share = self.error_share
        return "" if share is None else f"{share * 100:.1f}%"

    @property
    def accuracy(self) -> float | None:
        return None if self.error_share is None else 1 - self.error_share


def accuracy_rate(*, today: date | None = None) -> Accuracy:
    """The accuracy figures for the WINDOW_DAYS days up to and including `today`."""
    since = (today or timezone.localdate()) - timedelta(days=WINDOW_DAYS - 1)
    published = Clinic.objects.published()
    confirmed = ListingReport.objects.confirmed_since(since).filter(clinic__in=published)
    by_reason = {
        row["reason"]: row for row in confirmed.order_by().values("reason").annotate(
            listings=Count("clinic", distinct=True), reports=Count("pk"))
    }
    return Accuracy(
        since=since,
        listings=published.count(),
        listings_wrong=confirmed.order_by().values("clinic").distinct().count(),
        confirmed=confirmed.count(),
        was_correct=ListingReport.objects.filter(
            status=ListingReport.Status.DISMISSED, handled_at__date__gte=since).count(),
        open=ListingReport.objects.open().count(),
        by_kind=[
            KindCount(label=str(label), listings=by_reason[value]["listings"],
                      reports=by_reason[value]["reports"])
            for value, label in ListingReport.Reason.choices if value in by_reason
        ],
    )
