"""Rules of the dns domain."""
