"""Reports for people: the cycle comparison as a table and a chart."""
