// Package hanname holds what the entity stage's name discovery and the
// quote stage's guessed speakers both know of Chinese names' shape.
package hanname

import "github.com/newsnlp/newsnlp/stages/internal/runeset"

// Stop are characters that do not belong to a Chinese given name:
// function words and the verbs that follow names.
var Stop = runeset.Of("的了和与及在是说称表对向为被将也就还都又而但或等之其这那他她它们我你着过给把让使从由于以今明昨年月日时分秒丶跟同案曾则亦更再便却仍均即摄本遭做没未已")
