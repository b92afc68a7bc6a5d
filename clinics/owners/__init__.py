"""Clinic owners: accounts, claims, self-service listings, patient enquiries and reports.

Writes go through clinics.services; this package holds the HTTP side (views, forms, URLs).
"""
