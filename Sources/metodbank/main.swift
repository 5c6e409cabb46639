import MetodCLI

await Metodbank.runFromCommandLine()
