"""Word lists for speaker phrases: determiners, titles, organisation words, head nouns.

Kept apart from the phrase finder (:mod:`transforms.speaker_mentions`) and the resolver
(:mod:`transforms.speakers`) so each stays short. One word list per set, space-separated.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


PRONOUNS = _words(
    """
    he she they i we it you il elle ils elles
    """
)
DETERMINERS = _words(
    """
    the a an another one two three several some many most other both his her their its our
    this these those that few numerous multiple all each no le la les el los las un une una des
    su sus son sa ses
    """
)
# Words between a subject and its cue that are not part of the subject ("Ryder on Monday said").
SKIP_BEFORE_CUE = _words(
    """
    also later previously recently repeatedly then once has have had will would could may
    might did does do on earlier today yesterday tonight publicly privately again further
    often first initially originally subsequently reportedly last week month year night
    morning afternoon evening monday tuesday wednesday thursday friday saturday sunday just
    simply even still already always never not only been is was frequently flatly bluntly
    separately are were be being
    """
)
# Capitalised words that start a sentence or clause rather than a name.
CAP_STOP = _words(
    """
    But And Or So Yet In On At For If When While After Before Since Although Though As
    Because Then Now Still Also Meanwhile However Last This That Earlier Later Today
    Yesterday Instead Indeed Asked Speaking With Without Under Over From During Even Such
    Both Here There What Why How Where Who It He She They We I You His Her Their Our My Its
    Not No Yes Ultimately Separately Previously Recently Finally Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday Of To Plan By Tonight
    """
)
TITLES = _words(
    """
    mr. mrs. ms. dr. sen. rep. gov. gen. lt. col. maj. capt. sgt. adm. cmdr. prof. rev. gov
    sen rep president senator governor secretary minister prime vice deputy general attorney
    judge justice mayor chairman chairwoman chair speaker leader representative congressman
    congresswoman ambassador director chief commissioner colonel major captain sergeant
    admiral lieutenant pope king queen prince princess sheikh rabbi father sir lord dame
    professor former acting assistant state press spokesman spokeswoman spokesperson
    candidate nominee presidential democratic republican gop democrat sheriff officer
    executive ceo founder u.s. us house senate majority minority whip first lady national
    security adviser advisor foreign defense treasury homeland air force army navy marine
    corps commander sec. pres. imam bishop cardinal chancellor premier emir crown supreme
    associate senior top campaign manager chairperson superintendent councilman councilwoman
    delegate analyst economist strategist pollster host anchor actor singer businessman
    billionaire activist author reporter columnist editor coach farmer detective inspector
    trooper agent nurse doctor lawyer pastor reverend organizer organiser state’s sens.
    reps. govs. u.n. un eu nato white district
    """
)
ORG_WORDS = _words(
    """
    department ministry pentagon kremlin committee party campaign inc inc. corp corp. co.
    times post news agency council association university commission court office service
    house congress senate police army government reuters bureau foundation institute center
    centre group union bank administration journal network tribune press company coalition
    organization organisation board authority club fund league caucus media magazine review
    daily herald gazette telegraph guardian channel television radio fbi cia nsa nato un eu
    cnn nbc abc cbs msnbc fox ap bbc afp npr pbs politico axios bloomberg breitbart cnbc gop
    rnc dnc who imf opec navy corps force forces command embassy parliament legislature
    assembly cabinet junta regime state school college hospital society alliance federation
    secretariat tribunal prosecutor’s watchdog firm trust project movement front brigade
    brigades poll survey report study statement website llc ltd plc airlines motors systems
    technologies partners capital holdings
    """
)
# Heads of lowercase speaker phrases ("officials", "a spokesman", "the statement").
HEAD_NOUNS = _words(
    """
    official officials spokesman spokeswoman spokesperson spokespeople secretary minister
    president director analyst analysts expert experts source sources people person
    residents resident witness witnesses police authorities aide aides adviser advisers
    advisor advisors statement report reports study survey poll polls researchers researcher
    lawmakers lawmaker senator senators campaign administration military media government
    leaders leader critics critic supporters supporter observers diplomats diplomat officers
    officer prosecutors prosecutor lawyers lawyer attorney attorneys documents document
    records court data economists economist scientists organizers protesters activists
    democrats republicans voters members member staff staffers strategist strategists
    consultant consultants representative representatives chairman ceo executive executives
    manager governor mayor judge commander spokesmen release letter filing complaint lawsuit
    memo ruling indictment website group groups company firm agency department ministry
    party committee broadcaster newspaper paper outlet network sheriff candidate nominee
    team investigators investigator agents agent employees employee workers worker doctors
    doctor historians historian professor professors pollster pollsters regime junta army
    forces council union insiders insider allies ally friends friend family relatives
    neighbors neighbours colleagues correspondent journalist journalists reporter reporters
    host author authors woman man women men user users fans students teachers parents
    americans spokespersons others everyone nobody someone many some most few both service
    utility office authority bureau institute commission center figures estimates
    organization association coalition board
    """
)
SPOKES_HEADS = _words(
    """
    spokesman spokeswoman spokesperson spokespeople spokesmen statement release
    representative representatives website spokespersons
    """
)
