package io.insurecrm.coil;

import java.util.List;

/**
 * What is wrong with proposed CoIL value bands: the field it is about ({@code bands[2].from}, {@code reason},
 * {@code bands} for the list as a whole), a message key of the coil bundle and its arguments.
 */
public record CoilBandProblem(String field, String code, List<Object> arguments) {

    public CoilBandProblem {
        arguments = List.copyOf(arguments);
    }

    static CoilBandProblem of(String field, String code, Object... arguments) {
        return new CoilBandProblem(field, "coil.bands." + code, List.of(arguments));
    }
}
