// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagepipeline.h"

namespace parla::services {

QString pipelineStageName(PipelineStage stage)
{
    switch (stage) {
    case PipelineStage::Unwrap:
        return QStringLiteral("unwrap");
    case PipelineStage::Decrypt:
        return QStringLiteral("decrypt");
    case PipelineStage::Store:
        return QStringLiteral("store");
    case PipelineStage::Notify:
        return QStringLiteral("notify");
    case PipelineStage::Compose:
        return QStringLiteral("compose");
    case PipelineStage::Encrypt:
        return QStringLiteral("encrypt");
    case PipelineStage::Persist:
        return QStringLiteral("persist");
    case PipelineStage::Send:
        return QStringLiteral("send");
    case PipelineStage::Parse:
        return QStringLiteral("parse");
    case PipelineStage::Classify:
        return QStringLiteral("classify");
    case PipelineStage::Features:
        return QStringLiteral("features");
    case PipelineStage::Apply:
        return QStringLiteral("apply");
    }
    return QStringLiteral("?");
}

} // namespace parla::services
