from jpcli.masuk import main

main()
