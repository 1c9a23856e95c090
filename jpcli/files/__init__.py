"""Files: reading ledgers (xlsx/xls/ods/csv/json), header matching, read-ahead, safe writing."""
