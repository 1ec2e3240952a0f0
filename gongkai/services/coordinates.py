"""Coordinates: stored in CGCS2000 (天地图's system, within centimetres of WGS-84 for a city map); GCJ-02 input (高德,
腾讯 and most phone maps) is converted on the way in.

GCJ-02 is WGS-84 shifted by a published, non-invertible-in-closed-form formula (the offsets of a few hundred metres
every such map applies inside mainland China). The forward formula is the widely used public one; the inverse is
found by fixed-point iteration until the forward image matches to 1e-10 degrees (well under a millimetre).
"""

import math
from decimal import ROUND_HALF_UP, Decimal

from .models import CoordinateSystem

SEMI_MAJOR_AXIS = 6378245.0  # Krasovsky 1940, the ellipsoid the GCJ-02 formula uses
ECCENTRICITY_SQUARED = 0.00669342162296594323
PRECISION = Decimal("0.000001")  # six decimals: about 0.1 m


def outside_china(latitude: float, longitude: float) -> bool:
    """The rough rectangle outside which no offset is applied (as every implementation of the formula does)."""
    return not (72.004 <= longitude <= 137.8347 and 0.8293 <= latitude <= 55.8271)


def _latitude_shift(x: float, y: float) -> float:
    value = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    value += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return value


def _longitude_shift(x: float, y: float) -> float:
    value = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    value += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return value


def _offset(latitude: float, longitude: float) -> tuple[float, float]:
    d_latitude = _latitude_shift(longitude - 105.0, latitude - 35.0)
    d_longitude = _longitude_shift(longitude - 105.0, latitude - 35.0)
    radians = latitude / 180.0 * math.pi
    magic = 1 - ECCENTRICITY_SQUARED * math.sin(radians) ** 2
    root = math.sqrt(magic)
    d_latitude = (d_latitude * 180.0) / ((SEMI_MAJOR_AXIS * (1 - ECCENTRICITY_SQUARED)) / (magic * root) * math.pi)
    d_longitude = (d_longitude * 180.0) / (SEMI_MAJOR_AXIS / root * math.cos(radians) * math.pi)
    return d_latitude, d_longitude


def wgs84_to_gcj02(latitude: float, longitude: float) -> tuple[float, float]:
    if outside_china(latitude, longitude):
        return latitude, longitude
    d_latitude, d_longitude = _offset(latitude, longitude)
    return latitude + d_latitude, longitude + d_longitude


def gcj02_to_wgs84(latitude: float, longitude: float) -> tuple[float, float]:
    """The WGS-84 point whose GCJ-02 image is the given point, to within 1e-10 degrees."""
    if outside_china(latitude, longitude):
        return latitude, longitude
    guess_latitude, guess_longitude = latitude, longitude
    for _attempt in range(30):
        image_latitude, image_longitude = wgs84_to_gcj02(guess_latitude, guess_longitude)
        error_latitude, error_longitude = image_latitude - latitude, image_longitude - longitude
        if abs(error_latitude) < 1e-10 and abs(error_longitude) < 1e-10:
            break
        guess_latitude -= error_latitude
        guess_longitude -= error_longitude
    return guess_latitude, guess_longitude


def to_stored(latitude, longitude, system: str) -> tuple[Decimal, Decimal]:
    """Coordinates as stored (CGCS2000, six decimals) from input in `system`."""
    latitude, longitude = float(latitude), float(longitude)
    if system == CoordinateSystem.GCJ02:
        latitude, longitude = gcj02_to_wgs84(latitude, longitude)
    return (
        Decimal(str(latitude)).quantize(PRECISION, rounding=ROUND_HALF_UP),
        Decimal(str(longitude)).quantize(PRECISION, rounding=ROUND_HALF_UP),
    )
