// Package ledgerdesk is the social assistance ledger's flow at the
// reception desk and in the express vehicle, in plain Go without Fyne:
// checking the form a staff member fills in, recording a bank transaction
// or an exchange, printing its receipts, reversing an entry, closing the
// business day, listing the day's entries and reprinting a receipt that
// did not print.
//
// # Recording money exactly once
//
// Every form carries an idempotency key made once, when the form is
// opened (NewForm). A double tap, or a retry after an error, sends the same
// key again, and the ledger returns the first entry instead of recording a
// second one. Record prints only when it created the entry, so a retry
// never prints a second receipt either. The caller starts a new form, with a
// new key, once an entry is recorded.
//
// # Printing
//
// An entry is recorded before anything is printed. When the printer fails,
// the entry stays recorded: Record, Reverse and CloseDay return it together
// with an error that matches ErrNotPrinted and the printer's own error, and
// the screen offers Reprint, which prints the receipt marked as a reprint.
//
// # Roles
//
// Recording is open to every signed-in staff member. Reversing an entry and
// closing a day need the supervisor role; the flow takes the role from the
// signed-in Staff value the caller passes, and the ledger checks it again.
package ledgerdesk
