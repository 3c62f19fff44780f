"""The team's review workflow: language versions decided together, outcomes in words."""
