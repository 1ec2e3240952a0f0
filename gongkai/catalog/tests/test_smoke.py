import io

from gongkai.catalog.exporting import export_xlsx
from gongkai.catalog.importing import import_catalog

from .factories import catalog_of, make_tree


def test_smoke(office, department, government):
    catalog = catalog_of(government)
    group, guide, review = make_tree(catalog, office)
    assert guide.code.startswith(catalog.prefix)
    stream = io.BytesIO()
    assert export_xlsx(catalog, stream) == 2
    result = import_catalog(catalog=catalog, content=stream.getvalue(), actor=office)
    assert result.problems == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
