"""Oversight (监督考核): scores, early warnings, notices and rectification, self-inspection."""
