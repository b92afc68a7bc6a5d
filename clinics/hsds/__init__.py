"""The directory as Open Referral HSDS 3.0: a read-only API under /hsds/ and a bulk export.

ids: stable UUIDs; queries: what is public, as HSDS sees it; mapping: rows to HSDS
objects; views and urls: the API; export: the files `export_directory --format hsds-json`
writes. docs/hsds.md describes the mapping.
"""
