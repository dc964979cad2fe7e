"""Bundled form definitions, one JSON file per form id (see ../form_definition.schema.json)."""
