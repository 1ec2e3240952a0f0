"""System settings of the back office: regions, organizations, people and roles, the working-day calendar."""
