"""DCAT descriptions: a JSON-LD document per dataset (W3C DCAT 2 vocabulary) and data.json for the whole catalog
(the DCAT-US 1.1 shape that harvesters such as CKAN read). Absolute URLs are built from the request."""

from .exporting import CONTENT_TYPES
from .models import CYCLE_FREQUENCY, Dataset

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def distribution(build_uri, resource) -> dict:
    return {
        "@type": "dcat:Distribution",
        "dct:title": resource.name,
        "dcat:downloadURL": {"@id": build_uri(resource.get_absolute_url())},
        "dcat:mediaType": CONTENT_TYPES[resource.format].split(";")[0],
        "dct:format": resource.format.upper(),
    }


def dataset_jsonld(dataset: Dataset, build_uri) -> dict:
    return {
        "@context": CONTEXT,
        "@id": build_uri(dataset.get_absolute_url()),
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.slug,
        "dct:title": dataset.title,
        "dct:description": dataset.description,
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": dataset.publisher.name},
        "dct:modified": {"@value": dataset.updated_on.isoformat(), "@type": "xsd:date"},
        "dct:accrualPeriodicity": {"@id": CYCLE_FREQUENCY[dataset.update_cycle]},
        "dct:license": dataset.licence,
        "dcat:theme": dataset.domain.name if dataset.domain else None,
        "dcat:keyword": [word for word in dataset.keywords.replace("、", " ").split() if word],
        "dcat:contactPoint": {"@type": "vcard:Kind", "vcard:fn": dataset.contact},
        "dcat:distribution": [distribution(build_uri, resource) for resource in dataset.resources.all()],
        "dct:conformsTo": {"fields": dataset.fields},
    }


def catalog_json(datasets, build_uri) -> dict:
    return {
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "@type": "dcat:Catalog",
        "dataset": [
            {
                "@type": "dcat:Dataset",
                "identifier": dataset.slug,
                "title": dataset.title,
                "description": dataset.description,
                "keyword": [word for word in dataset.keywords.replace("、", " ").split() if word],
                "modified": dataset.updated_on.isoformat(),
                "publisher": {"@type": "org:Organization", "name": dataset.publisher.name},
                "contactPoint": {"@type": "vcard:Contact", "fn": dataset.contact},
                "accessLevel": "public",
                "license": dataset.licence,
                "accrualPeriodicity": CYCLE_FREQUENCY[dataset.update_cycle],
                "theme": [dataset.domain.name] if dataset.domain else [],
                "landingPage": build_uri(dataset.get_absolute_url()),
                "describedBy": build_uri(dataset.get_absolute_url() + "jsonld/"),
                "distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "title": resource.name,
                        "downloadURL": build_uri(resource.get_absolute_url()),
                        "mediaType": CONTENT_TYPES[resource.format].split(";")[0],
                        "format": resource.format.upper(),
                    }
                    for resource in dataset.resources.all()
                ],
            }
            for dataset in datasets
        ],
    }
