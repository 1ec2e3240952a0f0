"""Services (办事服务): service guides with flowcharts, theme packages and 一件事, the map of service sites."""
