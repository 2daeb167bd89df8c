"""Validation of rendered Kubernetes objects: OpenAPI schemas and API-server rules."""
