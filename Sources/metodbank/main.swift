import MetodCLI

Metodbank.main()
