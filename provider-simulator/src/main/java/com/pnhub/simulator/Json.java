package com.pnhub.simulator;

import tools.jackson.databind.json.JsonMapper;

/** The simulator's one Jackson 3 mapper. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }
}
