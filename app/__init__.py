"""PCF Workbench (产品碳足迹工作台): offline product carbon footprint studies."""

__version__ = "0.1.0"
