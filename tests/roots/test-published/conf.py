extensions = ["service_manual"]
project = "Publishing test manual"
copyright = "Crown copyright"
version = release = "1"
