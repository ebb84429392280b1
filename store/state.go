package store

import (
	"fmt"
	"time"
)

// TicketState is the position of a ticket in the queue state machine.
type TicketState string

// Ticket states. Waiting and Transferred tickets are in a queue; Called and
// Held tickets belong to one counter; NoShow and Completed are final.
const (
	StateNone        TicketState = "" // before issue, only in a Transition's From
	StateWaiting     TicketState = "waiting"
	StateCalled      TicketState = "called"
	StateHeld        TicketState = "held"
	StateTransferred TicketState = "transferred" // waiting again, in another service's or counter's queue
	StateNoShow      TicketState = "no-show"
	StateCompleted   TicketState = "completed"
)

func (s TicketState) String() string {
	if s == StateNone {
		return "none"
	}
	return string(s)
}

// Queued reports whether a ticket in state s waits to be called.
func (s TicketState) Queued() bool { return s == StateWaiting || s == StateTransferred }

// Final reports whether no transition leaves s.
func (s TicketState) Final() bool { return s == StateNoShow || s == StateCompleted }

// Action is what moved a ticket from one state to another.
type Action string

// Actions, each with the states it leaves from and goes to in transitions.
const (
	ActionIssue    Action = "issue"
	ActionCall     Action = "call"
	ActionRecall   Action = "recall"
	ActionHold     Action = "hold"
	ActionResume   Action = "resume"
	ActionTransfer Action = "transfer"
	ActionNoShow   Action = "no-show"
	ActionComplete Action = "complete"
)

func (a Action) String() string { return string(a) }

// transitions lists, for each action, the states it may start from and the
// state it leads to. Anything not listed is an invalid transition.
var transitions = map[Action]struct {
	from []TicketState
	to   TicketState
}{
	ActionIssue:    {[]TicketState{StateNone}, StateWaiting},
	ActionCall:     {[]TicketState{StateWaiting, StateTransferred}, StateCalled},
	ActionRecall:   {[]TicketState{StateCalled}, StateCalled},
	ActionHold:     {[]TicketState{StateCalled}, StateHeld},
	ActionResume:   {[]TicketState{StateHeld}, StateCalled},
	ActionTransfer: {[]TicketState{StateCalled, StateHeld}, StateTransferred},
	ActionNoShow:   {[]TicketState{StateCalled, StateHeld}, StateNoShow},
	ActionComplete: {[]TicketState{StateCalled}, StateCompleted},
}

// nextState returns the state that action leads to from the ticket's state,
// or an ErrInvalidTransition error naming the ticket and both states.
func nextState(t Ticket, action Action) (TicketState, error) {
	rule, ok := transitions[action]
	if !ok {
		return "", fmt.Errorf("%w: unknown action %q on ticket %s", ErrInvalidTransition, action, t.Number)
	}
	for _, from := range rule.from {
		if t.State == from {
			return rule.to, nil
		}
	}
	return "", fmt.Errorf("%w: ticket %s (%s) cannot %s from %s to %s",
		ErrInvalidTransition, t.Number, t.ID, action, t.State, rule.to)
}

// Transition is one change of a ticket's state, with who made it and where.
type Transition struct {
	Seq      uint64      `json:"seq,omitempty"` // position in the queue event log
	TicketID string      `json:"ticket_id,omitempty"`
	Number   string      `json:"number,omitempty"`
	At       time.Time   `json:"at"` // UTC
	From     TicketState `json:"from"`
	To       TicketState `json:"to"`
	Action   Action      `json:"action"`
	Counter  int         `json:"counter,omitempty"`
	Staff    string      `json:"staff,omitempty"`
	// Service is the ticket's service after the transition.
	Service string `json:"service,omitempty"`
	Note    string `json:"note,omitempty"`
}
