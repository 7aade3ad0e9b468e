/**
 * What the editors of versioned rules share (cluster naming, CoIL cluster rules, CoIL value bands): the problems of a
 * proposal naming record, field and reason; the refusal of a save based on another version than the active one; the
 * walk that checks bands cover [0, ∞) exactly once (VALUE bands, CoIL value bands).
 */
package io.insurecrm.platform.rules;
