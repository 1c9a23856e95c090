"""The jp command line: options, the commands, one output dispatcher, Indonesian usage errors."""
