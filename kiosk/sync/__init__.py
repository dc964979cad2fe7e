"""Sync with the central platform: the HTTP client, resumable uploads, backoff and the engine."""
