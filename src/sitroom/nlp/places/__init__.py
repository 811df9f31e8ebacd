"""Toponyms resolved to GeoNames places with coordinates."""
