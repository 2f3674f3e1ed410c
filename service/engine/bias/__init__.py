"""Bias checks: what in a sentence may colour the article, and whose words it is.

- :mod:`~service.engine.bias.analyse`: the entry point; each sentence's score, flags and
  voice (writer or source), and the writer's-voice counts of the article scores;
- :mod:`~service.engine.bias.model`: the wording model (sentence score, loaded words);
- :mod:`~service.engine.bias.features`: its features, shared by training and serving;
- :mod:`~service.engine.bias.vocabulary`: words never flagged alone, loaded phrases, reasons;
- :mod:`~service.engine.bias.loaded_verbs`: loaded attribution verbs ("claimed");
- :mod:`~service.engine.bias.hedges`: hedge, weasel and unattributed-claim patterns;
- :mod:`~service.engine.bias.flags`: the flag those detectors return, and its voice.
"""
