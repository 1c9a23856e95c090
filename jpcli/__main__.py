from jpcli.entry import main

main()
