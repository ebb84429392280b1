package ident_test

import (
	"errors"
	"fmt"

	"frontdesk/store/ident"
)

func ExampleParseEmiratesID() {
	id, err := ident.ParseEmiratesID("٧٨٤-١٩٩٠-١٢٣٤٥٦٧-٦")
	fmt.Println(id, err)
	fmt.Println(ident.FormatEmiratesID(id))
	fmt.Println(ident.MaskEmiratesID(id))

	_, err = ident.ParseEmiratesID("784-1990-1234567-1")
	fmt.Println(errors.Is(err, ident.ErrChecksum))
	// Output:
	// 784199012345676 <nil>
	// 784-1990-1234567-6
	// 784-****-*****67-6
	// true
}

func ExampleParseMobile() {
	for _, s := range []string{"050 123 4567", "+971 (0)50-123-4567", "06 512 3456"} {
		fmt.Println(ident.ParseMobile(s))
	}
	// Output:
	// +971501234567 <nil>
	// +971501234567 <nil>
	//  ident: mobile number "06 512 3456": landline number, not a mobile number: area code 06 is Sharjah, Ajman and Umm Al Quwain, enter a mobile number starting with 05
}

func ExampleMaskIBAN() {
	iban, _ := ident.ParseIBAN("ae07 0331 2345 6789 0123 456")
	fmt.Println(iban)
	fmt.Println(ident.MaskIBAN(iban))
	// Output:
	// AE070331234567890123456
	// AE07 **** **** **** ***3 456
}
