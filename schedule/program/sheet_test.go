package program

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func workbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}

func TestSheetCSV(t *testing.T) {
	data := workbook(t, [][]any{
		{"id", "name", "capacity", "available"},
		{"C01", "Åsa Öberg, \"Norrland\"", 2, "mån-fre 09.00-16.00"},
		{"C02", "Kari Nordmann", 1, ""},
	})
	got, err := sheetCSV(data)
	require.NoError(t, err)
	assert.Equal(t, "id,name,capacity,available\nC01,\"Åsa Öberg, \"\"Norrland\"\"\",2,mån-fre 09.00-16.00\nC02,Kari Nordmann,1\n", string(got))

	_, err = sheetCSV([]byte("id,name\n"))
	assert.Error(t, err, "a CSV file is not a workbook")
}
