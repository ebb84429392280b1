package money_test

import (
	"errors"
	"fmt"

	"frontdesk/store/money"
)

func ExampleParseAED() {
	for _, s := range []string{"1250.5", "1,250.50", "١٬٢٥٠٫٥٠", "18.99"} {
		fils, err := money.ParseAED(s)
		fmt.Println(int64(fils), err)
	}
	_, err := money.ParseAED("1.155")
	fmt.Println(errors.Is(err, money.ErrPrecision))
	// Output:
	// 125050 <nil>
	// 125050 <nil>
	// 125050 <nil>
	// 1899 <nil>
	// true
}

func ExampleFils_FormatArabic() {
	amount := money.Fils(125050)
	fmt.Println(amount)
	fmt.Println(amount.FormatArabic())
	fmt.Println(amount.FormatArabicIndic())
	// Output:
	// AED 1,250.50
	// 1,250.50 د.إ
	// ١٬٢٥٠٫٥٠ د.إ
}
