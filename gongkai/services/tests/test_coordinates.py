from decimal import Decimal

import pytest

from gongkai.services.coordinates import gcj02_to_wgs84, to_stored, wgs84_to_gcj02

# Public test vectors of the reference implementation (eviltransform): WGS-84 → GCJ-02.
VECTORS = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # 上海
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # 深圳
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # 北京
]


@pytest.mark.parametrize(("wgs", "gcj"), VECTORS)
def test_forward_matches_the_published_vectors(wgs, gcj):
    assert wgs84_to_gcj02(*wgs) == pytest.approx(gcj, abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), VECTORS)
def test_inverse_recovers_the_wgs84_point_to_a_millimetre(wgs, gcj):
    assert gcj02_to_wgs84(*gcj) == pytest.approx(wgs, abs=1e-8)


def test_points_outside_china_are_not_shifted():
    assert wgs84_to_gcj02(51.5074, -0.1278) == (51.5074, -0.1278)
    assert gcj02_to_wgs84(51.5074, -0.1278) == (51.5074, -0.1278)


def test_stored_coordinates_are_cgcs2000_with_six_decimals():
    assert to_stored("31.175304", "121.531542", "gcj02") == (Decimal("31.177428"), Decimal("121.527211"))
    assert to_stored(31.7812345, 119.9512345, "cgcs2000") == (Decimal("31.781235"), Decimal("119.951235"))
