package arabic_test

import (
	"fmt"

	"frontdesk/devices/arabic"
)

func ExampleVisualRuns() {
	for _, run := range arabic.VisualRuns("رقم التذكرة A-007") {
		fmt.Printf("%q right-to-left=%v\n", run.Text, run.RightToLeft)
	}
	// Output:
	// "A-007" right-to-left=false
	// "رقم التذكرة " right-to-left=true
}

func ExampleRenderer_Draw() {
	r, err := arabic.NewRenderer()
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err := r.Draw("المساعدات الاجتماعية", arabic.Options{Size: 20, MaxWidth: 576})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%dx%d dots, %d bytes of raster data\n", img.Width, img.Height, len(img.Pix))
	// Output:
	// 179x19 dots, 437 bytes of raster data
}
