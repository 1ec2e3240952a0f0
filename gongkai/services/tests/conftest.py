import pytest

from gongkai.services.services import approve_guide, create_guide, submit_guide

from .factories import guide_data


@pytest.fixture
def guide_in_force(department, clerk, reviewer):
    """A complete guide of the department, put in force by its reviewer after the clerk submitted it."""
    guide = create_guide(organization=department, data=guide_data(), actor=clerk)
    submit_guide(guide=guide, actor=clerk)
    return approve_guide(guide=guide, actor=reviewer)
