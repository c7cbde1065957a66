// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>

/// States shared by storage, services, models and the UI.
namespace parla {

/// Where a message is on its way (STYLE.md §8): stored before it is sent, then acked by the
/// server (stream management), delivered (XEP-0184), read (XEP-0333), or failed with a reason.
enum class DeliveryState
{
    Pending = 0,
    Sent,
    Delivered,
    Read,
    Failed,
    Received
};

/// An account's connection, as shown to the user.
enum class ConnectionState
{
    Disconnected = 0,
    Connecting,
    Connected,
    Failed
};

} // namespace parla

Q_DECLARE_METATYPE(parla::DeliveryState)
Q_DECLARE_METATYPE(parla::ConnectionState)
