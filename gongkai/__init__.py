"""Gongkai (公开): standardized government information disclosure for grassroots governments."""
