"""Reads of the applications app. Staff reach an application only through `application_for_staff`."""

from .reporting import applications_for_report, report_counts

__all__ = ["applications_for_report", "report_counts"]
