// Package store keeps frontdesk's records in one bbolt file and enforces
// their rules inside bbolt transactions: tickets and their numbers, the
// queue and its state machine, staff and their PINs, the audit log and the
// requests routed to departments.
//
// # One process per file
//
// bbolt takes an exclusive flock on the file, so only one process can have
// it open. Open waits at most Config.OpenTimeout for the lock and then
// returns ErrInUse naming the process that holds it. The kiosk, desk and
// hall display windows of one machine therefore run in the same process and
// share one *DB, and the display learns of queue changes through
// DB.Changes without polling the file. A separate frontdeskctl process gets
// ErrInUse while the application runs, because a read-only open would need a
// shared lock that the writer's exclusive lock excludes.
//
// # Sub-packages
//
// Sub-packages keep their own buckets in the same file through DB.Bolt.
// DB.OnTransition runs their code inside the transaction that logs each
// ticket transition, so derived records such as report aggregates commit
// or roll back with it.
//
// # Durability
//
// Every write method commits its transaction, which bbolt ends with
// fdatasync unless Config.NoSync is set, before it returns. Callers print a
// ticket only after IssueTicket returns, so a number on paper is always on
// disk, and no transaction is held open while a printer works.
//
// # Business day
//
// Ticket sequences restart at midnight in Config.Location (Asia/Dubai by
// default). A ticket keeps the business day it was issued on.
package store
