package receipt

// phrase is a fixed text in both languages.
type phrase struct {
	ar, en string
}

// The fixed texts of the receipts. Their Arabic rasters are drawn once per
// Layout and then come from the cache.
var (
	phraseReprint     = phrase{"إعادة طباعة", "REPRINT"}
	phrasePeopleAhead = phrase{"المنتظرون قبلك", "People ahead"}
	phraseScan        = phrase{"امسح الرمز لرفع المستندات", "Scan to upload documents"}
	phraseTracking    = phrase{"رقم المتابعة", "Tracking number"}
	phraseRequestType = phrase{"نوع الطلب", "Request type"}
	phraseDepartment  = phrase{"الإدارة المختصة", "Department"}
	phraseDate        = phrase{"التاريخ", "Date"}
	phraseEmiratesID  = phrase{"رقم الهوية", "Emirates ID"}
	phraseAmount      = phrase{"المبلغ", "Amount"}
	phraseKind        = phrase{"نوع المعاملة", "Kind"}
	phraseCase        = phrase{"رقم الحالة", "Case number"}
	phraseIBAN        = phrase{"رقم الآيبان", "IBAN"}
	phraseMethod      = phrase{"طريقة الصرف", "Method"}
	phraseReference   = phrase{"المرجع", "Reference"}
	phraseStaff       = phrase{"الموظف", "Staff"}
	phraseTerminal    = phrase{"الجهاز", "Terminal"}
	phraseEntry       = phrase{"رقم القيد", "Entry"}
	phraseReverses    = phrase{"قيد عكسي للقيد", "Reverses entry"}
	phraseReason      = phrase{"السبب", "Reason"}
	phraseBeneficiary = phrase{"توقيع المستفيد", "Beneficiary signature"}
	phraseOfficer     = phrase{"توقيع الموظف", "Staff signature"}
	phraseCopyBenef   = phrase{"نسخة المستفيد", "BENEFICIARY COPY"}
	phraseCopyOffice  = phrase{"نسخة المكتب", "OFFICE COPY"}
	phraseDayClose    = phrase{"إقفال اليوم", "DAY CLOSE"}
	phraseBusinessDay = phrase{"يوم العمل", "Business day"}
	phraseEntries     = phrase{"عدد القيود", "Entries"}
	phraseReversals   = phrase{"القيود العكسية", "Reversals"}
	phraseTotal       = phrase{"الإجمالي", "Total"}
	phraseClosedBy    = phrase{"أقفله", "Closed by"}
	phraseTestPage    = phrase{"صفحة اختبار الطابعة", "PRINTER TEST PAGE"}
)

// phrases lists every fixed text, for the test that the font covers them.
var phrases = []phrase{
	phraseReprint, phrasePeopleAhead, phraseKind, phraseScan, phraseTracking, phraseRequestType,
	phraseDepartment, phraseDate, phraseEmiratesID, phraseAmount, phraseCase, phraseIBAN,
	phraseMethod, phraseReference, phraseStaff, phraseTerminal, phraseEntry, phraseReverses,
	phraseReason, phraseBeneficiary, phraseOfficer, phraseCopyBenef, phraseCopyOffice,
	phraseDayClose, phraseBusinessDay, phraseEntries, phraseReversals, phraseTotal,
	phraseClosedBy, phraseTestPage, phraseRequestReceipt, phraseLedgerReceipt,
}

// Titles of the receipts other than the ticket.
var (
	phraseRequestReceipt = phrase{"إيصال طلب", "REQUEST RECEIPT"}
	phraseLedgerReceipt  = phrase{"إيصال معاملة مالية", "TRANSACTION RECEIPT"}
)
