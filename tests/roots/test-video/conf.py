extensions = ["service_manual"]
