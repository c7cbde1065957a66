// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/messagepipeline.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace parla::services;
using Pipeline = MessagePipeline<QString>;

namespace {
/// A stage that appends its letter to the value and passes it on at once.
Pipeline::Step tag(const QString &letter)
{
    return [letter](QString value, Pipeline::Next next) { next(value + letter); };
}

std::vector<PipelineStage> incomingOrder()
{
    return {PipelineStage::Unwrap, PipelineStage::Decrypt, PipelineStage::Store,
            PipelineStage::Notify};
}

/// Adds the four incoming stages in the given insertion order, each declaring its predecessor.
void addIncoming(Pipeline &pipeline, const std::vector<PipelineStage> &insertion)
{
    for (PipelineStage stage : insertion) {
        switch (stage) {
        case PipelineStage::Unwrap:
            pipeline.addStage(stage, {}, tag(QStringLiteral("U")));
            break;
        case PipelineStage::Decrypt:
            pipeline.addStage(stage, {PipelineStage::Unwrap}, tag(QStringLiteral("D")));
            break;
        case PipelineStage::Store:
            pipeline.addStage(stage, {PipelineStage::Decrypt}, tag(QStringLiteral("S")));
            break;
        case PipelineStage::Notify:
            pipeline.addStage(stage, {PipelineStage::Store}, tag(QStringLiteral("N")));
            break;
        default:
            break;
        }
    }
}
/// finalize() succeeded; prints its error otherwise.
bool finalized(Pipeline &pipeline)
{
    const std::optional<QString> error = pipeline.finalize();
    if (error)
        qWarning("finalize: %s", qPrintable(*error));
    return !error;
}
} // namespace

class TestMessagePipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orderFromDependencies_data()
    {
        QTest::addColumn<std::vector<PipelineStage>>("insertion");
        QTest::addRow("in order") << incomingOrder();
        QTest::addRow("reversed") << std::vector<PipelineStage>{
            PipelineStage::Notify, PipelineStage::Store, PipelineStage::Decrypt,
            PipelineStage::Unwrap};
        QTest::addRow("shuffled") << std::vector<PipelineStage>{
            PipelineStage::Store, PipelineStage::Unwrap, PipelineStage::Notify,
            PipelineStage::Decrypt};
    }

    void orderFromDependencies()
    {
        QFETCH(std::vector<PipelineStage>, insertion);
        Pipeline pipeline;
        addIncoming(pipeline, insertion);
        QVERIFY(finalized(pipeline));
        QCOMPARE(pipeline.order(), incomingOrder());

        QString result;
        pipeline.addStage(PipelineStage::Send, {PipelineStage::Notify},
                          [&result](QString value, Pipeline::Next) { result = value; });
        QVERIFY(finalized(pipeline));
        pipeline.run(QStringLiteral(">"));
        QCOMPARE(result, QStringLiteral(">UDSN"));
    }

    void stageAddedFromOutsideLandsBetween()
    {
        // omemo/ adds Decrypt later: core's stages already declare it as a dependency.
        Pipeline pipeline;
        pipeline.addStage(PipelineStage::Store, {PipelineStage::Unwrap, PipelineStage::Decrypt},
                          tag(QStringLiteral("S")));
        pipeline.addStage(PipelineStage::Unwrap, {}, tag(QStringLiteral("U")));
        QVERIFY(finalized(pipeline));
        QCOMPARE(pipeline.order(),
                 (std::vector<PipelineStage>{PipelineStage::Unwrap, PipelineStage::Store}));

        pipeline.addStage(PipelineStage::Decrypt, {PipelineStage::Unwrap},
                          tag(QStringLiteral("D")));
        QVERIFY(pipeline.order().empty()); // adding a stage invalidates the computed order
        QVERIFY(finalized(pipeline));
        QCOMPARE(pipeline.order(),
                 (std::vector<PipelineStage>{PipelineStage::Unwrap, PipelineStage::Decrypt,
                                             PipelineStage::Store}));
    }

    void cycleRefused()
    {
        Pipeline pipeline;
        pipeline.addStage(PipelineStage::Compose, {}, tag(QStringLiteral("C")));
        pipeline.addStage(PipelineStage::Encrypt, {PipelineStage::Compose, PipelineStage::Send},
                          tag(QStringLiteral("E")));
        pipeline.addStage(PipelineStage::Persist, {PipelineStage::Encrypt},
                          tag(QStringLiteral("P")));
        pipeline.addStage(PipelineStage::Send, {PipelineStage::Persist}, tag(QStringLiteral("S")));
        const std::optional<QString> error = pipeline.finalize();
        QVERIFY(error.has_value());
        QVERIFY2(error->contains(u"cycle"), qPrintable(*error));
        // The message names one of the stages on the cycle.
        const QStringList onCycle = {pipelineStageName(PipelineStage::Encrypt),
                                     pipelineStageName(PipelineStage::Persist),
                                     pipelineStageName(PipelineStage::Send)};
        bool named = false;
        for (const QString &name : onCycle)
            named = named || (!name.isEmpty() && error->contains(name));
        QVERIFY2(named, qPrintable(*error));
        QVERIFY(pipeline.order().empty());

        // Nothing runs through a refused pipeline.
        bool ran = false;
        pipeline.addStage(PipelineStage::Notify, {},
                          [&ran](QString, Pipeline::Next) { ran = true; });
        QVERIFY(pipeline.order().empty());
        pipeline.run(QStringLiteral("x"));
        QVERIFY(!ran);
    }

    void selfCycleRefused()
    {
        Pipeline pipeline;
        pipeline.addStage(PipelineStage::Store, {PipelineStage::Store}, tag(QStringLiteral("S")));
        const auto error = pipeline.finalize();
        QVERIFY(error.has_value());
        QVERIFY2(error->contains(pipelineStageName(PipelineStage::Store)), qPrintable(*error));
    }

    void stageNamesDistinct()
    {
        QStringList names;
        for (PipelineStage s :
             {PipelineStage::Unwrap, PipelineStage::Decrypt, PipelineStage::Store,
              PipelineStage::Notify, PipelineStage::Compose, PipelineStage::Encrypt,
              PipelineStage::Persist, PipelineStage::Send}) {
            const QString name = pipelineStageName(s);
            QVERIFY(!name.isEmpty());
            QVERIFY2(!names.contains(name), qPrintable(name));
            names << name;
        }
    }

    void stageWithoutNextDropsValue()
    {
        Pipeline pipeline;
        int notified = 0;
        addIncoming(pipeline, {PipelineStage::Unwrap, PipelineStage::Store});
        // A duplicate: the de-duplicating stage does not pass it on.
        pipeline.addStage(PipelineStage::Decrypt, {PipelineStage::Unwrap},
                          [](QString value, Pipeline::Next next) {
                              if (value != u"dupU") // Unwrap ran first
                                  next(value);
                          });
        pipeline.addStage(PipelineStage::Notify, {PipelineStage::Store},
                          [&notified](QString, Pipeline::Next) { ++notified; });
        QVERIFY(finalized(pipeline));
        pipeline.run(QStringLiteral("dup"));
        QCOMPARE(notified, 0);
        pipeline.run(QStringLiteral("fresh"));
        QCOMPARE(notified, 1);
    }

    void asyncStageContinues()
    {
        Pipeline pipeline;
        QStringList seen;
        pipeline.addStage(PipelineStage::Compose, {}, tag(QStringLiteral("C")));
        // Persist waits for storage: it calls next later, from the event loop.
        pipeline.addStage(PipelineStage::Persist, {PipelineStage::Compose},
                          [](QString value, Pipeline::Next next) {
                              QTimer::singleShot(10, [value, next] { next(value + u'P'); });
                          });
        pipeline.addStage(PipelineStage::Send, {PipelineStage::Persist},
                          [&seen](QString value, Pipeline::Next) { seen << value; });
        QVERIFY(finalized(pipeline));

        pipeline.run(QStringLiteral("a"));
        pipeline.run(QStringLiteral("b"));
        QVERIFY(seen.isEmpty()); // not sent before it was persisted
        QTRY_COMPARE(seen, (QStringList{QStringLiteral("aCP"), QStringLiteral("bCP")}));
    }
};

QTEST_GUILESS_MAIN(TestMessagePipeline)
#include "tst_messagepipeline.moc"
