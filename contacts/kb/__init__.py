"""The actor knowledge base shared by extraction and queries."""

from contacts.kb.base import KnowledgeBase, Resolution, default, load
from contacts.kb.model import Actor, Kind, Role
from contacts.kb.names import name_key, slug

__all__ = ["Actor", "Kind", "KnowledgeBase", "Resolution", "Role", "default", "load", "name_key", "slug"]
