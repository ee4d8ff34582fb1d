"""The Lark grammar of the query language (package data: contacts.lark)."""
