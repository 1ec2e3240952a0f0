"""What the reports app does when the applications app announces an imported register."""

from gongkai.applications.signals import register_imported


def on_register_imported(sender, pairs=None, **kwargs):
    from .services.reports import note_data_changed

    note_data_changed(pairs=set(pairs or ()))


def connect() -> None:
    register_imported.connect(on_register_imported, dispatch_uid="reports.note_data_changed")
