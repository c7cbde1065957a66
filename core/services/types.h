// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The small value types services, models and the UI share: delivery and connection states
// (core/types, below every layer) and XMPP presence availability.
#include "types/states.h"
#include "xmpp/im/availability.h"
