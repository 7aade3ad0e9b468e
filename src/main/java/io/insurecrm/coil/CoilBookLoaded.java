package io.insurecrm.coil;

/** The CoIL book was loaded (published inside the load's transaction; heard after it committed). */
public record CoilBookLoaded(String by, int customersWritten, int holdingsWritten, int holdingsRemoved) {
}
