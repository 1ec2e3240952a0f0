"""Static publishing (静态发布): public pages that do not depend on the request, rendered to files that nginx serves.

- `registry`: page families (home, records, columns, feeds, …) say which URLs they have and which changes make
  them stale; later areas register their own families the same way.
- `storage`: where the files live (one folder per language and elder-mode variant), written atomically under a
  lock that the synchronous removal also takes.
- `rendering`: renders a URL through Django's own request handling, exactly as a visitor would get it.
- `service`: refresh (re-render) and remove pages, the full rebuild.
- `receivers` / `tasks`: publishing, catalog and column changes re-render pages on the task queue; a withdrawal or
  expiry removes the files before its service returns.

Details and decisions: docs/static-pages.md.
"""
