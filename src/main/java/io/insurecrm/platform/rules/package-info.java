/**
 * What the editors of versioned rules share (cluster naming, CoIL cluster rules, CoIL value bands): the problems of a
 * proposal naming record, field and reason; the refusal of a save based on an older version than the active one.
 */
package io.insurecrm.platform.rules;
