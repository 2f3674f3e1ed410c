// A short made-up article for the first screen's "Try an example": a quotation, a pronoun
// source ("She"), a loaded verb ("claimed"), an "according to" and a hedge ("reportedly").

export const EXAMPLE = `Harbour town votes to close its old ferry pier

The old ferry pier, built in 1931, will close at the end of May.
"We cannot let people walk on it for another summer," Mayor Ingrid Holm told reporters after Tuesday's council vote. She said a new concrete pier could open in 2028.
Fisherman Tom Vos claimed the council had ignored the fleet for years. According to the harbour office, about 40 boats use the pier each week.
Some residents reportedly plan to protest at the next council meeting.
`;
